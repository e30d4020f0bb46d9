#!/bin/bash

az network vnet create \
    --resource-group myResourceGroup \
    --name myAKSVnet \
    --address-prefixes 10.224.0.0/12 \
    --subnet-name myAKSSubnet \
    --subnet-prefixes 10.224.0.0/16

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)

az network vnet subnet create \
    --resource-group myResourceGroup \
    --vnet-name myAKSVnet \
    --name myAKSSubnet2 \
    --address-prefixes 10.225.0.0/16

SUBNET2_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet2 --query id -o tsv)

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster1 \
    --network-plugin kubenet \
    --service-cidr 10.0.0.0/16 \
    --dns-service-ip 10.0.0.10 \
    --pod-cidr 10.244.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster2 \
    --network-plugin kubenet \
    --service-cidr 10.0.0.0/16 \
    --dns-service-ip 10.0.0.10 \
    --pod-cidr 10.245.0.0/16 \
    --vnet-subnet-id $SUBNET2_ID \
    --generate-ssh-keys

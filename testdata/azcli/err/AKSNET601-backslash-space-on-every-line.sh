#!/bin/bash
az aks create \ 
    --resource-group myResourceGroup \ 
    --name myAKSCluster \ 
    --node-count 3 \ 
    --network-plugin azure \ 
    --network-plugin-mode overlay \ 
    --pod-cidr 192.168.0.0/16 \ 
    --service-cidr 10.0.0.0/16 \ 
    --dns-service-ip 10.0.0.10 \ 
    --generate-ssh-keys

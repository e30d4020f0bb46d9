# A missing backslash and a backslash followed by a space: the flags after them are not
# part of the command (AKSNET601).
az network vnet create \
    --resource-group myResourceGroup \
    --name myVnet \
    --address-prefixes 10.0.0.0/16
    --subnet-name mySubnet \
    --subnet-prefixes 10.0.0.0/24

az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \ 
    --network-plugin azure \
    --pod-cidr 10.244.0.0/16

az aks nodepool add --resource-group myResourceGroup --cluster-name myAKSCluster --name np2 \
    --node-count 2 \
    --max-pods 50
